import asyncio

async def main():
    q = asyncio.Queue()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print(f"caught {e!r}, str={str(e)!r}")
    q.put_nowait("only")
    print(f"got {q.get_nowait()!r}")
    q.get_nowait()
    print("never printed")

asyncio.run(main())
