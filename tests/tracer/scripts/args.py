import asyncio
import sys


async def main():
    print("args:", " ".join(sys.argv[1:]))
    print("partial", end="")


asyncio.run(main())
