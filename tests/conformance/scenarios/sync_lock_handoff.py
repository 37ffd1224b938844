import asyncio

async def worker(name, lock, hold):
    for round in range(2):
        print(f"{name} wants the lock (locked={lock.locked()})")
        try:
            async with lock:
                print(f"{name} acquired (round {round})")
                await asyncio.sleep(hold)
                print(f"{name} releasing")
        except asyncio.CancelledError:
            print(f"{name} cancelled while waiting (locked={lock.locked()})")
            raise

async def main():
    lock = asyncio.Lock()
    tasks = [asyncio.create_task(worker(n, lock, h)) for n, h in [("A", 1), ("B", 2), ("C", 1), ("D", 1)]]
    await asyncio.sleep(0.5)
    print("main: cancelling C")
    tasks[2].cancel()
    for name, t in zip("ABCD", tasks):
        try:
            await t
            print(f"main: {name} finished")
        except asyncio.CancelledError:
            print(f"main: {name} was cancelled")
    print(f"main: done (locked={lock.locked()})")

asyncio.run(main())
