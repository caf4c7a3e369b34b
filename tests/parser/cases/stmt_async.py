async def f():
    async for x in y:
        pass
    async with a as b:
        pass
    return [x async for x in y]
