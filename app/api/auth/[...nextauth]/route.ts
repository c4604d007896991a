import { handleAuthGet, handleAuthPost } from '@/lib/auth/auth-route';

export { handleAuthGet as GET, handleAuthPost as POST };
