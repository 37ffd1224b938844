import asyncio

async def consumer(name, q, work):
    while True:
        item = await q.get()
        if item is None:
            print(f"{name} stops")
            return
        print(f"{name} got {item}")
        await asyncio.sleep(work)
        print(f"{name} finished {item}")

async def main():
    q = asyncio.Queue()
    consumers = [asyncio.create_task(consumer(n, q, w)) for n, w in [("A", 3), ("B", 1), ("C", 2)]]
    await asyncio.sleep(0)
    for i in range(4):
        q.put_nowait(f"item{i}")
    print(f"main: put 4 items, qsize={q.qsize()}")
    await asyncio.sleep(1.5)
    for i in range(4, 7):
        await q.put(f"item{i}")
    print(f"main: put 3 more, qsize={q.qsize()}")
    await asyncio.sleep(4)
    for _ in consumers:
        q.put_nowait(None)
    for c in consumers:
        await c
    print("main: done")

asyncio.run(main())
