import asyncio
import time

async def get_data_async(n):
    await asyncio.sleep(1)  # waits: other tasks may run
    return f"data {n}"

async def main():
    start = time.perf_counter()
    results = await asyncio.gather(*(get_data_async(n) for n in range(3)))
    print(f"asynchronous: {results} in {time.perf_counter() - start:.1f} s")

asyncio.run(main())
