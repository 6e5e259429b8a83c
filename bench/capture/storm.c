/* storm.c - a syscall storm for measuring the recorder's overhead: N rounds
 * of openat/read/close/getppid (4 syscalls each). Prints the elapsed time
 * in seconds and the number of syscalls made.
 *   storm [ROUNDS]   (default 1000000)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 1000000;
	struct timespec a, b;
	char buf[64];

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (long i = 0; i < rounds; i++) {
		int fd = open("/etc/hostname", O_RDONLY);

		if (fd >= 0) {
			if (read(fd, buf, sizeof(buf)) < 0)
				return 1;
			close(fd);
		}
		getppid();
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.3f %ld\n", (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9, rounds * 4);
	return 0;
}
