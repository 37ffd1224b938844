import asyncio


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("sleeper cancelled")
        raise


async def main():
    task = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    task.cancel("enough")
    try:
        await task
    except asyncio.CancelledError:
        print("main saw the cancellation")


asyncio.run(main())
