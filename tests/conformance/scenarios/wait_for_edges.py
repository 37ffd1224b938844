import asyncio

async def job(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise
    print(f"{name} finished")
    return name

async def outer_waits(name):
    try:
        return await asyncio.wait_for(job(name, 5), 10)
    except asyncio.CancelledError:
        print(f"outer {name} cancelled while in wait_for")
        raise

async def main():
    # The job's deadline equals the timeout: whose timer fires first decides.
    try:
        print(await asyncio.wait_for(job("tie", 1), 1))
    except asyncio.TimeoutError:
        print("tie: timed out")
    t = asyncio.create_task(job("early", 1))
    try:
        print(await asyncio.wait_for(t, 1))
    except asyncio.TimeoutError:
        print("early task: timed out")
    # Cancelling the task that sits in wait_for cancels the inner one too.
    o = asyncio.create_task(outer_waits("x"))
    await asyncio.sleep(1)
    o.cancel("stop")
    try:
        await o
    except asyncio.CancelledError as e:
        print(f"outer x: {e!r}")
    # wait_for on a gather
    try:
        await asyncio.wait_for(asyncio.gather(job("g1", 0.5), job("g2", 2)), 1)
    except asyncio.TimeoutError:
        print("gather timed out")
    # a task that finished already
    done = asyncio.create_task(job("done", 0))
    await asyncio.sleep(0.1)
    print(await asyncio.wait_for(done, 0))
    # the inner raises
    async def boom():
        await asyncio.sleep(0.5)
        raise KeyError("k")
    try:
        await asyncio.wait_for(boom(), 1)
    except KeyError as e:
        print(f"inner raised {e!r}")

asyncio.run(main())
