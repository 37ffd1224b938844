import asyncio

async def consumer(name, cond, state):
    async with cond:
        print(f"{name} waiting")
        await cond.wait()
        print(f"{name} notified, items={state['items']}")
        await asyncio.sleep(0.25)
        print(f"{name} leaves")

async def main():
    cond = asyncio.Condition()
    state = {"items": 0}
    tasks = [asyncio.create_task(consumer(n, cond, state)) for n in "ABCD"]
    await asyncio.sleep(1)
    async with cond:
        state["items"] = 1
        print("main: notify(1)")
        cond.notify(1)
        print("main: still holding the lock")
        await asyncio.sleep(0.5)
        print("main: releasing")
    await asyncio.sleep(1)
    async with cond:
        state["items"] = 3
        print("main: notify(2)")
        cond.notify(2)
    await asyncio.sleep(0)
    async with cond:
        print(f"main: got the lock back, notify_all")
        cond.notify_all()
    for t in tasks:
        await t
    print(f"main: done (locked={cond.locked()})")

asyncio.run(main())
