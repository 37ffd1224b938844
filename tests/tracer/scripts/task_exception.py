import asyncio


async def fails():
    await asyncio.sleep(1)
    raise ValueError("boom")


async def main():
    task = asyncio.create_task(fails())
    try:
        await task
    except ValueError as e:
        print(f"caught {e!r}")


asyncio.run(main())
