import asyncio

async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        print(f"{name} fails")
        raise ValueError(name)
    print(f"{name} done")
    return name

async def main():
    tasks = [
        asyncio.create_task(job("a", 1), name="a"),
        asyncio.create_task(job("b", 2, fail=True), name="b"),
        asyncio.create_task(job("c", 3), name="c"),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(f"done: {sorted(t.get_name() for t in done)}")
    print(f"pending: {sorted(t.get_name() for t in pending)}")
    for t in sorted(done, key=lambda t: t.get_name()):
        if t.exception() is not None:
            print(f"{t.get_name()} raised {t.exception()!r}")
    for t in pending:
        t.cancel()
    done, pending = await asyncio.wait(pending)
    print(f"cancelled: {[t.cancelled() for t in done]}")

asyncio.run(main())
