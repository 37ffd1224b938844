import asyncio


async def worker(name, lock):
    async with lock:
        print(f"{name} has the lock")
        await asyncio.sleep(1)
    print(f"{name} released it")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(worker("A", lock), worker("B", lock))


asyncio.run(main())
