import asyncio

async def flaky():
    yield 1
    await asyncio.sleep(0.5)
    raise ValueError("sensor offline")

async def main():
    try:
        async for v in flaky():
            print(f"reading {v}")
    except ValueError as e:
        print(f"stopped: {e}")

asyncio.run(main())
