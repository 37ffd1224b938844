import asyncio

async def getter(name, q):
    print(f"{name} waits for an item")
    try:
        item = await q.get()
    except asyncio.CancelledError:
        print(f"{name} cancelled (qsize={q.qsize()})")
        raise
    print(f"{name} got {item}")

async def main():
    q = asyncio.Queue()
    g1 = asyncio.create_task(getter("G1", q))
    g2 = asyncio.create_task(getter("G2", q))
    g3 = asyncio.create_task(getter("G3", q))
    await asyncio.sleep(0)
    q.put_nowait("x")
    print(f"main: put x, then takes it back: {q.get_nowait()}")
    await asyncio.sleep(0)
    print("main: G1 woke to an empty queue and waits again, behind G2 and G3")
    q.put_nowait("y")
    await asyncio.sleep(0)
    q.put_nowait("z")
    print("main: put z, which wakes G3; now cancel G3 before it runs")
    g3.cancel()
    await asyncio.sleep(0)
    print(f"main: qsize={q.qsize()}")
    await asyncio.sleep(0)
    print(f"main: qsize={q.qsize()}")
    for name, t in [("G1", g1), ("G2", g2), ("G3", g3)]:
        try:
            await t
        except asyncio.CancelledError:
            print(f"main: {name} was cancelled")
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("main: QueueEmpty")
    small = asyncio.Queue(1)
    small.put_nowait(1)
    try:
        small.put_nowait(2)
    except asyncio.QueueFull:
        print("main: QueueFull")
    p = asyncio.create_task(small.put(3))
    await asyncio.sleep(0)
    p.cancel()
    await asyncio.sleep(0)
    print(f"main: blocked put cancelled={p.cancelled()}, qsize={small.qsize()}")
    small.task_done()
    try:
        small.task_done()
    except ValueError as e:
        print(f"main: ValueError: {e}")

asyncio.run(main())
