import asyncio

async def sleeper(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} woke (slept {delay!r})")

async def main():
    print(f"0.1 + 0.2 = {0.1 + 0.2!r}")
    a = asyncio.create_task(sleeper("sum", 0.1 + 0.2))
    b = asyncio.create_task(sleeper("literal", 0.3))
    c = asyncio.create_task(sleeper("sum again", 0.2 + 0.1))
    await asyncio.gather(a, b, c)
    d = asyncio.create_task(sleeper("literal", 0.3))
    e = asyncio.create_task(sleeper("sum", 0.1 + 0.2))
    await asyncio.gather(d, e)
    print("chained sleeps")
    for _ in range(3):
        await asyncio.sleep(0.1)
    print("after 3 x 0.1")

asyncio.run(main())
