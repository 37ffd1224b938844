import asyncio

async def job(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} done")
    return name

async def main():
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [("slow", 3), ("fast", 1), ("medium", 2)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"done: {sorted(t.get_name() for t in done)}")
    print(f"pending: {sorted(t.get_name() for t in pending)}")
    done, pending = await asyncio.wait(pending, timeout=0.5)
    print(f"after timeout: done={sorted(t.get_name() for t in done)} pending={sorted(t.get_name() for t in pending)}")
    done, pending = await asyncio.wait(tasks)
    print(f"all: {sorted(t.result() for t in done)} pending={len(pending)}")

asyncio.run(main())
