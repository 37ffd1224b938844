import asyncio

async def worker(name, q):
    while True:
        item = await q.get()
        print(f"{name} processing {item}")
        await asyncio.sleep(item)
        print(f"{name} done with {item}")
        q.task_done()

async def main():
    q = asyncio.Queue()
    for d in [3, 1, 2, 4, 1]:
        q.put_nowait(d)
    workers = [asyncio.create_task(worker(f"w{i}", q)) for i in range(2)]
    print(f"main: joining with qsize={q.qsize()}")
    await q.join()
    print(f"main: joined, qsize={q.qsize()}")
    await q.join()
    print("main: a second join returns at once")
    for w in workers:
        w.cancel()
    for w in workers:
        try:
            await w
        except asyncio.CancelledError:
            print(f"main: worker cancelled={w.cancelled()}")

asyncio.run(main())
