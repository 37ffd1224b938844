import asyncio

async def worker(name, sem, hold):
    print(f"{name} waiting (value={sem._value}, locked={sem.locked()})")
    try:
        async with sem:
            print(f"{name} got a slot")
            await asyncio.sleep(hold)
            print(f"{name} gives the slot back")
    except asyncio.CancelledError:
        print(f"{name} cancelled (value={sem._value})")
        raise

async def main():
    sem = asyncio.Semaphore(1)
    holder = asyncio.create_task(worker("holder", sem, 1))
    await asyncio.sleep(0)
    ws = [asyncio.create_task(worker(n, sem, 1)) for n in ["W1", "W2", "W3"]]
    await asyncio.sleep(0.5)
    print("main: cancel W2 while it waits")
    ws[1].cancel()
    await asyncio.sleep(0.5)
    print(f"main: holder done? {holder.done()}, value={sem._value}")
    print("main: cancel W1, already woken with a slot")
    ws[0].cancel()
    for t in [holder] + ws:
        try:
            await t
        except asyncio.CancelledError:
            pass
    print(f"main: value={sem._value}, locked={sem.locked()}")
    b = asyncio.BoundedSemaphore(2)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print(f"main: ValueError: {e}")
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print(f"main: ValueError: {e}")

asyncio.run(main())
