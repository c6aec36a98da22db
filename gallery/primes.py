import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Primes")


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    mo.md("""# Primes\n\nA sieve of Eratosthenes, in plain Python.""")
    return


@app.cell
def _():
    limit = 100
    return (limit,)


@app.cell
def _(limit):
    def sieve(n):
        is_prime = [True] * (n + 1)
        is_prime[0:2] = [False, False]
        for i in range(2, int(n**0.5) + 1):
            if is_prime[i]:
                is_prime[i * i :: i] = [False] * len(is_prime[i * i :: i])
        return [i for i, p in enumerate(is_prime) if p]

    primes = sieve(limit)
    return (primes,)


@app.cell
def _(limit, primes):
    print(f"{len(primes)} primes below {limit}")
    primes[-5:]
    return


@app.cell
def _(mo, primes):
    mo.md(f"The largest is **{primes[-1]}**.")
    return


if __name__ == "__main__":
    app.run()
