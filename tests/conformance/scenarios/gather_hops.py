import asyncio

async def child(name):
    print(f"{name} runs")
    await asyncio.sleep(0)
    print(f"{name} returns")
    return name

async def ticker(n):
    for i in range(n):
        print(f"tick {i}")
        await asyncio.sleep(0)

async def main():
    t = asyncio.create_task(ticker(8))
    results = await asyncio.gather(child("a"), child("b"))
    print(f"main resumes with {results}")
    task = asyncio.create_task(child("c"))
    print(f"main awaits task c: {await task}")
    await t

asyncio.run(main())
