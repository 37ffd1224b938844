import asyncio

async def ok(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} ok")
    return f"{name} result"

async def bad(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} raising")
    raise RuntimeError(f"{name} broke")

async def main():
    results = await asyncio.gather(
        ok("first", 1.5),
        bad("second", 0.5),
        ok("third", 1),
        bad("fourth", 2),
        return_exceptions=True,
    )
    print(results)
    for r in results:
        print(type(r).__name__, r)

asyncio.run(main())
