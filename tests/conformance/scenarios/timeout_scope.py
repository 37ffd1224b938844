import asyncio

async def work(name, delay):
    print(f"{name} working for {delay}")
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name} interrupted")
        raise
    print(f"{name} done")
    return name

async def main():
    async with asyncio.timeout(2):
        r = await work("fits", 1)
    print(f"got {r}")
    try:
        async with asyncio.timeout(1.5):
            await work("too long", 5)
    except TimeoutError as e:
        print(f"timeout: {e!r}, cancelling={asyncio.current_task().cancelling()}")
    try:
        async with asyncio.timeout(0):
            print("inside a timeout(0)")
            await asyncio.sleep(0)
            print("never printed")
    except TimeoutError:
        print("timeout(0) fired on the next turn")
    async with asyncio.timeout(None):
        await work("no deadline", 3)
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + 0.5):
            await asyncio.gather(work("g1", 0.25), work("g2", 1))
    except TimeoutError:
        print("gather under timeout_at timed out")
    print("end")

asyncio.run(main())
