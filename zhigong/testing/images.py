"""A real image for tests of uploads: browsers draw it (a 1×1 PNG), so a page test can check
that a served photo actually loads, and the upload check accepts it by its first bytes."""

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
    b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc8c\x9c\x06\x00\x034\x01f8\x86\xe0\xac\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
