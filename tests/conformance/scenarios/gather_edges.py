import asyncio

async def value(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} ready")
    return name

async def fail(delay):
    await asyncio.sleep(delay)
    raise ValueError("late failure")

async def main():
    t = asyncio.create_task(value("dup", 1))
    print(await asyncio.gather(t, t, value("other", 0.5)))
    done = asyncio.create_task(value("early", 0))
    await asyncio.sleep(0.1)
    print(await asyncio.gather(done, value("fresh", 0)))
    print(await asyncio.gather())
    g = asyncio.gather(fail(0.5), value("slowpoke", 1))
    try:
        await g
    except ValueError as e:
        print(f"caught {e!r}; gather done={g.done()}, cancel() now returns {g.cancel()}")
    await asyncio.sleep(1)
    # a failing gather inside a gather
    inner = asyncio.gather(fail(0.25), value("inner ok", 0.5))
    r = await asyncio.gather(inner, value("outer ok", 0.75), return_exceptions=True)
    print(r)
    # shield around an inner that raises
    s = asyncio.create_task(fail(0.5))
    try:
        await asyncio.shield(s)
    except ValueError as e:
        print(f"shield passed on {e!r}")
    # cancel with a message
    m = asyncio.create_task(value("msg", 5))
    await asyncio.sleep(0)
    m.cancel("because")
    try:
        await m
    except asyncio.CancelledError as e:
        print(f"awaiting m: {e!r}")
    m2 = asyncio.create_task(value("msg2", 5))
    await asyncio.sleep(0)
    m2.cancel("why")
    print(await asyncio.gather(m2, return_exceptions=True))

asyncio.run(main())
