import asyncio
import time


async def main():
    print("blocking the loop")
    time.sleep(0.5)
    print("done blocking")
    await asyncio.sleep(1)


asyncio.run(main())
