package io.tenet.lab;

/** Lets a test act in the middle of {@link OvsLab#start}, e.g. fail it half-way to check the cleanup. */
@FunctionalInterface
interface StartHook {
  StartHook NONE = (lab, hypervisor) -> { };

  /** Called in the booting thread right after each hypervisor is up; an exception fails the start. */
  void hypervisorStarted(OvsLab lab, Hypervisor hypervisor);
}
