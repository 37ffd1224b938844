import asyncio


async def producer(q):
    for i in range(3):
        await asyncio.sleep(1)
        await q.put(i)
        print(f"put {i}")


async def consumer(q):
    for _ in range(3):
        item = await q.get()
        print(f"got {item}")


async def main():
    q = asyncio.Queue()
    await asyncio.gather(producer(q), consumer(q))


asyncio.run(main())
