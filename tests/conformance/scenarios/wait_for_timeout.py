import asyncio

async def job(name, delay):
    print(f"{name} starts")
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name} cancelled at its sleep")
        raise
    print(f"{name} finishes")
    return f"{name} result"

async def slow_cleanup(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{name} cleaning up")
        await asyncio.sleep(0.25)
        print(f"{name} cleaned up")
        raise

async def main():
    print(await asyncio.wait_for(job("quick", 1), timeout=2))
    try:
        await asyncio.wait_for(job("slow", 5), timeout=1.5)
    except asyncio.TimeoutError as e:
        print(f"slow timed out: {e!r}")
    t = asyncio.create_task(job("task", 1), name="B")
    print(await asyncio.wait_for(t, 3))
    try:
        await asyncio.wait_for(slow_cleanup("cleaner"), 0.5)
    except asyncio.TimeoutError:
        print("cleaner timed out (after its cleanup)")
    try:
        await asyncio.wait_for(job("zero", 1), 0)
    except asyncio.TimeoutError:
        print("zero timeout")
    print(await asyncio.wait_for(job("none", 0.5), None))

asyncio.run(main())
