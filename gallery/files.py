import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Upload and download files")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.md(r"""
    # Upload and download files

    Read a file the user picks with `mo.ui.file`, and hand a result back with `mo.download`: the file never leaves the browser.

    Pick a text or CSV file (or drop it on the area). The cells below count
    its lines and words and offer a cleaned copy to download.
    """)
    return


@app.cell
def _(mo):
    upload = mo.ui.file(filetypes=[".txt", ".csv", ".md", ".py"], kind="area", label="Drop a text file here, or click to choose")
    upload
    return (upload,)


@app.cell
def _(upload):
    sample = "the quick brown fox\njumps over the lazy dog\nthe end\n"
    if upload.value:
        name = upload.value[0].name
        text = upload.value[0].contents.decode("utf-8", errors="replace")
    else:
        name, text = "sample.txt", sample
    return name, text


@app.cell
def _(mo, name, text):
    from collections import Counter

    words = text.split()
    common = Counter(w.lower().strip(".,;:!?\"'()") for w in words).most_common(5)
    mo.vstack(
        [
            mo.md(f"**{name}**" + (" (a sample: upload a file to use yours)" if name == "sample.txt" else "")),
            mo.hstack(
                [
                    mo.stat(len(text.splitlines()), label="Lines", bordered=True),
                    mo.stat(len(words), label="Words", bordered=True),
                    mo.stat(len(text), label="Characters", bordered=True),
                ],
                justify="start",
                gap=1,
            ),
            mo.ui.table([{"word": w, "count": c} for w, c in common], selection=None, label="Most common words"),
        ]
    )
    return


@app.cell
def _(mo, name, text):
    _cleaned = "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip()) + "\n"
    mo.vstack(
        [
            mo.md("Download a copy with blank lines and extra spaces removed, or a report as CSV:"),
            mo.hstack(
                [
                    mo.download(_cleaned, filename=f"clean-{name}", mimetype="text/plain", label="Cleaned text"),
                    mo.download(
                        "line,words\n" + "".join(f"{i},{len(l.split())}\n" for i, l in enumerate(text.splitlines(), 1)),
                        filename="words-per-line.csv",
                        mimetype="text/csv",
                        label="Words per line (CSV)",
                    ),
                ],
                justify="start",
            ),
        ]
    )
    return


if __name__ == "__main__":
    app.run()
