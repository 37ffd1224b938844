import asyncio

async def waiter(name, ev):
    print(f"{name} waiting (is_set={ev.is_set()})")
    await ev.wait()
    print(f"{name} woke up (is_set={ev.is_set()})")

async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, ev)) for n in ["w1", "w2", "w3", "w4"]]
    await asyncio.sleep(1)
    tasks[1].cancel()
    print("main: set")
    ev.set()
    print("main: set again is a no-op")
    ev.set()
    await asyncio.sleep(0)
    print("main: after one yield")
    ev.clear()
    late = asyncio.create_task(waiter("late", ev))
    early = asyncio.create_task(waiter("early", ev))
    await asyncio.sleep(1)
    ev.set()
    ev.clear()
    print(f"main: set then clear (is_set={ev.is_set()})")
    for t in tasks + [late, early]:
        try:
            await t
        except asyncio.CancelledError:
            print("main: w2 was cancelled")
    print("main: done")

asyncio.run(main())
