import asyncio

async def consumer(name, cond, stock, want):
    async with cond:
        print(f"{name} wants {want}")
        got = await cond.wait_for(lambda: stock[0] >= want)
        stock[0] -= want
        print(f"{name} took {want}, predicate gave {got}, stock={stock[0]}")

async def producer(cond, stock):
    for i in range(5):
        await asyncio.sleep(1)
        async with cond:
            stock[0] += 1
            print(f"producer: stock={stock[0]}, notify_all")
            cond.notify_all()

async def main():
    cond = asyncio.Condition()
    stock = [0]
    cs = [asyncio.create_task(consumer(n, cond, stock, w)) for n, w in [("A", 2), ("B", 1), ("C", 2)]]
    p = asyncio.create_task(producer(cond, stock))
    for t in cs:
        await t
    await p
    try:
        await cond.wait()
    except RuntimeError as e:
        print(f"main: RuntimeError: {e}")
    try:
        cond.notify()
    except RuntimeError as e:
        print(f"main: RuntimeError: {e}")

asyncio.run(main())
