import asyncio

async def drain(name, q, n):
    got = []
    for _ in range(n):
        got.append(await q.get())
        await asyncio.sleep(0)
    print(f"{name}: {got}")

async def main():
    pq = asyncio.PriorityQueue()
    for item in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent"), (0, "now")]:
        pq.put_nowait(item)
    await drain("priority", pq, 5)
    lq = asyncio.LifoQueue(maxsize=3)
    consumer = asyncio.create_task(drain("lifo", lq, 5))
    for i in range(5):
        await lq.put(i)
        print(f"main: put {i} (qsize={lq.qsize()})")
    await consumer

asyncio.run(main())
