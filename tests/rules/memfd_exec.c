/* memfd_exec.c - copies a program into a memfd and executes it from there
 * (fileless execution), for the live end-to-end rules test.
 * usage: memfd_exec PROGRAM [ARGS...] */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	int in = open(argv[1], O_RDONLY | O_CLOEXEC);
	int fd = memfd_create("payload", MFD_CLOEXEC);
	if (in < 0 || fd < 0) {
		perror("memfd_exec");
		return 1;
	}
	char buf[65536];
	ssize_t n;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(fd, buf, (size_t)n) != n)
			return 1;
	close(in);
	extern char **environ;
	fexecve(fd, argv + 1, environ);
	perror("memfd_exec: fexecve");
	return 1;
}
