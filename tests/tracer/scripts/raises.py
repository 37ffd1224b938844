import asyncio


async def main():
    print("about to fail")
    await asyncio.sleep(2)
    raise RuntimeError("the script failed")


asyncio.run(main())
