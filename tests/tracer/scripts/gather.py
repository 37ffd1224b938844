import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} done")
    return name


async def main():
    results = await asyncio.gather(fetch("a", 3), fetch("b", 1), fetch("c", 2))
    print(results)


asyncio.run(main())
