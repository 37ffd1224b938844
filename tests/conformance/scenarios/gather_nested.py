import asyncio

async def leaf(name, delay):
    print(f"leaf {name} start")
    await asyncio.sleep(delay)
    print(f"leaf {name} end")
    return name

async def branch(name, delays):
    print(f"branch {name} start")
    results = await asyncio.gather(*(leaf(f"{name}{i}", d) for i, d in enumerate(delays)))
    print(f"branch {name} got {results}")
    return results

async def ticker():
    for i in range(8):
        print(f"tick {i}")
        await asyncio.sleep(0)

async def main():
    t = asyncio.create_task(ticker())
    outer = await asyncio.gather(branch("x", [0, 0.5]), branch("y", [0.5, 0]), leaf("z", 0))
    print(f"outer got {outer}")
    await t

asyncio.run(main())
