import asyncio

async def child(name, delay):
    try:
        print(f"{name} starts")
        await asyncio.sleep(delay)
        print(f"{name} finishes")
        return name
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise

async def parent():
    try:
        return await asyncio.gather(child("a", 1), child("b", 2), child("c", 3))
    except asyncio.CancelledError:
        print("parent: gather raised CancelledError")
        raise

async def main():
    p = asyncio.create_task(parent())
    await asyncio.sleep(1.5)
    print("main cancels the parent")
    p.cancel()
    try:
        await p
    except asyncio.CancelledError:
        print(f"parent cancelled: {p.cancelled()}")
    # A child cancelled on its own fails the gather (without return_exceptions).
    c = asyncio.create_task(child("d", 2))
    g = asyncio.gather(c, child("e", 1))
    await asyncio.sleep(0.5)
    c.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather failed because d was cancelled")
    await asyncio.sleep(1)
    # Cancelling the gather future itself.
    g2 = asyncio.gather(child("f", 1), child("g", 1), return_exceptions=True)
    await asyncio.sleep(0)
    print(f"g2.cancel() returns {g2.cancel()}")
    try:
        print(await g2)
    except asyncio.CancelledError:
        print("g2 cancelled despite return_exceptions")

asyncio.run(main())
