import asyncio

async def job(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return f"{name} after {delay}"

async def main():
    tasks = [asyncio.create_task(job(n, d)) for n, d in [("a", 3), ("b", 1), ("c", 2), ("d", 1)]]
    for next_done in asyncio.as_completed(tasks):
        result = await next_done
        print(f"got {result}")
    late = [asyncio.create_task(job(n, d)) for n, d in [("e", 0.5), ("f", 5)]]
    try:
        for next_done in asyncio.as_completed(late, timeout=1):
            print(f"got {await next_done}")
    except asyncio.TimeoutError:
        print("as_completed timed out")
    late[1].cancel()

asyncio.run(main())
