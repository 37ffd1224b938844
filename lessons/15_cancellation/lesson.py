import asyncio

async def slow_job(name, seconds):
    print(f"{name} starts")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{name} was cancelled")
        raise
    print(f"{name} finished")
    return name

async def main():
    task = asyncio.create_task(slow_job("A", 3))
    await asyncio.sleep(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main: A is cancelled")

    try:
        print(await asyncio.wait_for(slow_job("B", 3), timeout=2))
    except asyncio.TimeoutError:
        print("main: B took too long")

    c = asyncio.create_task(slow_job("C", 2))
    try:
        await asyncio.wait_for(asyncio.shield(c), timeout=1)
    except asyncio.TimeoutError:
        print("main: stopped waiting for C, but C goes on")
    print(await c)

asyncio.run(main())
