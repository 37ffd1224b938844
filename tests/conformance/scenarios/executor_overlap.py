import asyncio
import time

def work():
    time.sleep(1)
    return 42

async def ticker():
    for i in range(3):
        print(f"tick {i}")
        await asyncio.sleep(0.5)

async def main():
    t = asyncio.create_task(ticker())
    print("start")
    r = await asyncio.to_thread(work)
    print(f"result {r}")
    await asyncio.to_thread(time.sleep, 0.5)
    print("slept in thread")
    await t

asyncio.run(main())
