import asyncio

async def waiter(name, lock):
    print(f"{name} waiting")
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        print(f"{name} cancelled after being woken (locked={lock.locked()})")
        raise
    print(f"{name} acquired")
    await asyncio.sleep(1)
    lock.release()
    print(f"{name} released")

async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    tasks = {n: asyncio.create_task(waiter(n, lock)) for n in ["B", "C", "D"]}
    await asyncio.sleep(1)
    print("main: release, then cancel B, whom the release just woke")
    lock.release()
    tasks["B"].cancel()
    print(f"main: locked={lock.locked()}")
    await asyncio.sleep(0)
    print(f"main: tries to acquire again (locked={lock.locked()})")
    await lock.acquire()
    print("main: acquired again")
    lock.release()
    for n, t in tasks.items():
        try:
            await t
        except asyncio.CancelledError:
            print(f"main: {n} was cancelled")
    try:
        lock.release()
    except RuntimeError as e:
        print(f"main: RuntimeError: {e}")

asyncio.run(main())
