import asyncio

async def worker():
    print("worker: working")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("worker: cancelled, closing connections")
        await asyncio.sleep(0.5)
        print("worker: connections closed")
        raise
    finally:
        print("worker: finally")

async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn: swallowing the cancellation")
    await asyncio.sleep(1)
    print(f"stubborn: still running, cancelling={asyncio.current_task().cancelling()}")
    return "stubborn finished"

async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(1)
    print(f"main: cancel() returns {t.cancel()}")
    print(f"main: cancelled() right after cancel: {t.cancelled()}")
    try:
        await t
    except asyncio.CancelledError:
        print("main: worker is cancelled")
    print(f"main: cancel() on a done task returns {t.cancel()}")
    s = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    s.cancel()
    print(f"main: {await s}, cancelled={s.cancelled()}")

asyncio.run(main())
