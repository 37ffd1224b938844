import asyncio

async def producer(queue, n):
    for i in range(n):
        await queue.put(i)
        print(f"produced {i} (queue size {queue.qsize()})")
    await queue.put(None)

async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:
            break
        print(f"consumed {item}")
        await asyncio.sleep(1)

async def main():
    queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(queue, 5), consumer(queue))

asyncio.run(main())
