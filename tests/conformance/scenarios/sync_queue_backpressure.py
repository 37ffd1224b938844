import asyncio

async def producer(q):
    for i in range(5):
        print(f"producer: putting {i} (qsize={q.qsize()}, full={q.full()})")
        await q.put(i)
        print(f"producer: put {i} (qsize={q.qsize()})")
    await q.put(None)
    print("producer: done")

async def consumer(q):
    while True:
        await asyncio.sleep(1)
        item = await q.get()
        print(f"consumer: got {item} (qsize={q.qsize()})")
        if item is None:
            break

async def main():
    q = asyncio.Queue(maxsize=2)
    p = asyncio.create_task(producer(q))
    c = asyncio.create_task(consumer(q))
    await p
    print("main: producer finished")
    await c
    print("main: done")

asyncio.run(main())
