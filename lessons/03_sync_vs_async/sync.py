import asyncio
import time

def get_data(n):
    time.sleep(1)  # blocks: nothing else can run
    return f"data {n}"

async def main():
    start = time.perf_counter()
    results = [get_data(n) for n in range(3)]
    print(f"synchronous: {results} in {time.perf_counter() - start:.1f} s")

asyncio.run(main())
