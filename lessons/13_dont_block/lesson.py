import asyncio
import time

async def ticker():
    for i in range(4):
        print(f"tick {i}")
        await asyncio.sleep(0.5)

async def slow_work():
    print("slow_work starts")
    time.sleep(2)  # blocks the whole loop
    print("slow_work ends")

async def main():
    await asyncio.gather(ticker(), slow_work())

asyncio.run(main(), debug=True)
