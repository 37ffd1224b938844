import asyncio

async def sleeper(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} woke at {delay}")

async def main():
    for order in (["a", "b", "c", "d", "e"], ["e", "d", "c", "b", "a"], ["c", "a", "e", "b", "d"]):
        print(f"order {order}")
        tasks = [asyncio.create_task(sleeper(n, 1.0)) for n in order]
        await asyncio.gather(*tasks)
    # Mixed: equal deadlines interleaved with a different one, created one by one.
    tasks = []
    for i, d in enumerate([2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0]):
        tasks.append(asyncio.create_task(sleeper(f"m{i}", d)))
    await asyncio.wait(tasks)
    print("done")

asyncio.run(main())
