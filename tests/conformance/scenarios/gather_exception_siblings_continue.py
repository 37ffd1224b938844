import asyncio

async def worker(name, delay, fail=False):
    print(f"{name} started")
    await asyncio.sleep(delay)
    if fail:
        print(f"{name} raising")
        raise ValueError(f"{name} failed")
    print(f"{name} finished")
    return name

async def main():
    try:
        results = await asyncio.gather(
            worker("A", 2),
            worker("B", 1, fail=True),
            worker("C", 3),
        )
        print(f"results: {results}")
    except ValueError as e:
        print(f"main caught {e!r}")
    print("main waits for the siblings")
    await asyncio.sleep(3)
    print("main done")

asyncio.run(main())
