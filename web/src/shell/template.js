// The text of a new notebook (marimo's format, one empty cell).
export const NEW_NOTEBOOK = `import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    return


if __name__ == "__main__":
    app.run()
`;
