import asyncio


async def spin():
    print("spinning")
    while True:
        pass


async def main():
    await asyncio.create_task(spin())


asyncio.run(main())
