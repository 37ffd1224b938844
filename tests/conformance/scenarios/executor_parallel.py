import asyncio
import time

def job(name, seconds):
    time.sleep(seconds)
    return name

async def main():
    loop = asyncio.get_running_loop()
    a = loop.run_in_executor(None, job, "a", 2.0)
    b = loop.run_in_executor(None, job, "b", 1.0)
    c = asyncio.create_task(asyncio.to_thread(job, "c", 2.0))
    print("submitted")
    rb = await b
    print(f"{rb} at {loop.time()}")
    ra = await a
    rc = await c
    print(f"{ra}{rc} at {loop.time()}")

asyncio.run(main())
