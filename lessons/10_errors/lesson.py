import asyncio

async def fetch(name, delay, fail):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(f"{name} failed")
    print(f"{name} done")
    return name

async def main():
    try:
        await fetch("A", 1, True)
    except ValueError as e:
        print(f"caught: {e}")

    try:
        results = await asyncio.gather(fetch("B", 1, False), fetch("C", 2, True), fetch("D", 3, False))
        print(results)
    except ValueError as e:
        print(f"gather raised: {e}")
    await asyncio.sleep(3)

    results = await asyncio.gather(fetch("E", 1, False), fetch("F", 2, True), return_exceptions=True)
    print(results)

asyncio.run(main())
