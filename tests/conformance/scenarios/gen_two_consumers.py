import asyncio

async def ticks(name, every, count):
    for i in range(count):
        await asyncio.sleep(every)
        yield f"{name}{i}"
    print(f"{name} exhausted")

async def consume(name, every, count):
    seen = 0
    async for item in ticks(name, every, count):
        print(f"got {item}")
        seen += 1
    return seen

async def main():
    a = asyncio.create_task(consume("a", 1, 3))
    b = asyncio.create_task(consume("b", 1.5, 2))
    na = await a
    nb = await b
    print(f"consumed {na} and {nb}")

asyncio.run(main())
