import asyncio

async def precious(name):
    print(f"{name} starts")
    await asyncio.sleep(2)
    print(f"{name} finishes anyway")
    return f"{name} saved"

async def waiter(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("waiter cancelled; inner keeps running")
        raise

async def main():
    inner = asyncio.create_task(precious("inner"))
    w = asyncio.create_task(waiter(inner))
    await asyncio.sleep(1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print(f"waiter is cancelled: {w.cancelled()}, inner done: {inner.done()}")
    print(f"inner result: {await inner}")
    # wait_for + shield: the timeout does not cancel the inner task
    inner2 = asyncio.create_task(precious("inner2"))
    try:
        await asyncio.wait_for(asyncio.shield(inner2), 1)
    except asyncio.TimeoutError:
        print(f"timed out; inner2 cancelled: {inner2.cancelled()}")
    print(f"inner2 result: {await inner2}")
    print(f"shield of a done task: {await asyncio.shield(inner2)}")

asyncio.run(main())
